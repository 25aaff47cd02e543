// netcheck resolves a name, looks up the user it runs as, and makes an HTTP request:
// the three things that break first on a minimal image.
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/user"
)

func main() {
	addrs, err := net.LookupHost("localhost")
	if err != nil || len(addrs) == 0 {
		fmt.Println("resolve localhost: FAILED", err)
		os.Exit(1)
	}
	fmt.Println("resolve localhost: ok")

	u, err := user.Current()
	if err != nil {
		fmt.Println("user lookup: FAILED", err)
		os.Exit(1)
	}
	fmt.Printf("user lookup: %s (uid %s)\n", u.Username, u.Uid)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen: FAILED", err)
		os.Exit(1)
	}
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "pong")
	}))
	resp, err := http.Get("http://" + ln.Addr().String() + "/ping")
	if err != nil {
		fmt.Println("http get: FAILED", err)
		os.Exit(1)
	}
	body, _ := io.ReadAll(resp.Body)
	fmt.Printf("http get: %d %s\n", resp.StatusCode, body)
}
