module example.com/netcheck

go 1.22.3
