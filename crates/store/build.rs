// Re-embed the migrations when a folder is added or a file changes.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
