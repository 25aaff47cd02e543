use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;

fn main() {
    // Serves HTTP on 8080; with --once it answers one request from itself and exits (for tests).
    let listener = TcpListener::bind("0.0.0.0:8080").expect("bind 0.0.0.0:8080");
    println!("listening on {}", listener.local_addr().unwrap());
    let once = std::env::args().any(|a| a == "--once");
    if once {
        thread::spawn(|| {
            let mut s = TcpStream::connect("127.0.0.1:8080").expect("connect");
            s.write_all(b"GET /ping HTTP/1.0\r\n\r\n").unwrap();
            let mut body = String::new();
            s.read_to_string(&mut body).unwrap();
            println!("got: {}", body.lines().last().unwrap_or(""));
        });
    }
    for stream in listener.incoming() {
        let mut stream = stream.expect("accept");
        let mut buf = [0u8; 512];
        let _ = stream.read(&mut buf);
        stream.write_all(b"HTTP/1.0 200 OK\r\ncontent-type: text/plain\r\n\r\npong").unwrap();
        drop(stream);
        if once {
            thread::sleep(std::time::Duration::from_millis(200));
            break;
        }
    }
}
