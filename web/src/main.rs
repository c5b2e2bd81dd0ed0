//! The playground's entry point: Trunk builds this binary into the page.

fn main() {
    playground::start();
}
