package main

import "fmt"

func main() {
	fmt.Println("worker: one job done")
}
