// idgen prints a name-based (version 5) UUID, using a third-party module that is vendored.
package main

import (
	"fmt"

	"github.com/google/uuid"
)

func main() {
	id := uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://example.com/idgen"))
	fmt.Printf("uuid v%d: %s\n", id.Version(), id)
}
