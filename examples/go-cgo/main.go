package main

/*
#include <stdio.h>
#include <stdlib.h>

static int add(int a, int b) { return a + b; }
*/
import "C"

import "fmt"

func main() {
	fmt.Printf("cgo says 2 + 3 = %d\n", int(C.add(2, 3)))
}
