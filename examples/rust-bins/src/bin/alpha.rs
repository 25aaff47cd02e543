fn main() {
    println!("alpha: not the default");
}
