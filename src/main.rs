fn main() {
    baodao::mount();
}
