#include <ctype.h>
#include <stdio.h>

int main(void) {
    const char *text = "configured with autoconf, built with automake";
    int words = 0, in_word = 0;
    for (const char *p = text; *p; p++) {
        if (isspace((unsigned char)*p)) in_word = 0;
        else if (!in_word) { in_word = 1; words++; }
    }
    printf("%d words: %s\n", words, text);
    return 0;
}
