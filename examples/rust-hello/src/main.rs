fn main() {
    let words = ["slim", "static", "scratch"];
    println!("hello from rust: {}", words.join(", "));
}
