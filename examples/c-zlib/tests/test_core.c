#include <string.h>
#include "../core.h"
int main(void) { char b[64]; return squeeze_roundtrip("x", b, sizeof b) < 0; }
