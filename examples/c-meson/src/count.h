#ifndef COUNT_H
#define COUNT_H
int count_vowels(const char *s);
#endif
