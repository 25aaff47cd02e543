#include <stdio.h>

int main(void) {
    printf("hello from a single C file\n");
    return 0;
}
