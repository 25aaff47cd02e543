#include <string.h>
#include <zlib.h>
#include "core.h"

/* Compresses and expands text; returns the compressed size, or -1. */
long squeeze_roundtrip(const char *text, char *back, unsigned long backsize) {
  unsigned char packed[1024];
  uLongf plen = sizeof packed, blen = backsize;
  if (compress(packed, &plen, (const Bytef *)text, strlen(text) + 1) != Z_OK) return -1;
  if (uncompress((Bytef *)back, &blen, packed, plen) != Z_OK) return -1;
  return (long)plen;
}
