fn main() {
    println!("{}", greet::greeting("workspace"));
}
