#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    double x = argc > 1 ? atof(argv[1]) : 2.0;
    printf("sqrt(%.1f) = %.6f\n", x, sqrt(x));
    return 0;
}
