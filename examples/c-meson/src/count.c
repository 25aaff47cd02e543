#include "count.h"
#include <string.h>

int count_vowels(const char *s) {
    int n = 0;
    for (; *s; s++) n += strchr("aeiouAEIOU", *s) != NULL;
    return n;
}
