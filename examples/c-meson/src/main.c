#include <stdio.h>
#include "count.h"

int main(void) {
    const char *text = "built with meson and ninja";
    printf("%d vowels in \"%s\"\n", count_vowels(text), text);
    return 0;
}
