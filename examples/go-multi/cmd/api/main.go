package main

import (
	"fmt"
	"net/http"
	"os"
)

// api serves on :8080 when SERVE is set; otherwise it says so and exits, so that a test run ends.
func main() {
	if os.Getenv("SERVE") == "" {
		fmt.Println("api: ready to listen on :8080 (set SERVE=1 to serve)")
		return
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "api") })
	fmt.Println("api: listening on :8080")
	if err := http.ListenAndServe(":8080", nil); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
}
