//! The console bundle (`console.html`, served under `/console/`): the venue
//! lead's roster and display screen and the organiser's overview.
fn main() {
    baodao::console::mount();
}
