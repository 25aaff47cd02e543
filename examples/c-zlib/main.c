#include <stdio.h>
#include <string.h>
#include <zlib.h>
#include "core.h"

int main(void) {
  const char *text = "slim slim slim slim slim slim slim slim slim slim slim slim slim slim slim slim";
  char back[256];
  long n = squeeze_roundtrip(text, back, sizeof back);
  if (n < 0 || strcmp(text, back) != 0) { puts("round trip failed"); return 1; }
  printf("zlib %s: %zu -> %ld bytes, round trip ok\n", zlibVersion(), strlen(text) + 1, n);
  return 0;
}
