long squeeze_roundtrip(const char *text, char *back, unsigned long backsize);
