package main

import (
	"fmt"
	"net/http"
	"os"
)

// api serves on :8080; the worker beside it is a second program the tool lets the user choose.
func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "api: hello") })
	fmt.Println("api: listening on :8080")
	if err := http.ListenAndServe(":8080", nil); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
}
