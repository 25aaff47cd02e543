fn main() {
    let mut buf = itoa::Buffer::new();
    println!("itoa from the registry formats {}", buf.format(1_234_567u32));
}
