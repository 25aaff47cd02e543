fn main() {
    println!("beta: the default-run binary of the package");
}
