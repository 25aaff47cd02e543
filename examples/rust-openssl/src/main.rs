fn main() {
    // The system OpenSSL the binary loads at run time: its major version, and that it works.
    let major = openssl::version::number() >> 28;
    let digest = openssl::sha::sha256(b"hello");
    println!("linked against OpenSSL {major}.x; sha256(hello) starts {:02x}{:02x}", digest[0], digest[1]);
}
