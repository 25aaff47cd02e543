/* digest prints the SHA-256 of a fixed message with OpenSSL's libcrypto: a program that needs
 * a shared library besides the C library, so the smallest image it runs on has to have it. */
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    const char *msg = "hello";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!EVP_Digest(msg, strlen(msg), md, &len, EVP_sha256(), NULL)) return 1;
    printf("sha256(%s) = ", msg);
    for (unsigned int i = 0; i < len; i++) printf("%02x", md[i]);
    printf("\n");
    return 0;
}
