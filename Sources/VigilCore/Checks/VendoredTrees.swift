/// Where projects keep other projects' code. Files there are the vendor's: their tests are not the
/// project's tests and their CI definitions never run for the project, so `test-weakening` and
/// `ci-change` leave them alone (each check's `vendored_paths` option replaces this list).
enum VendoredTrees {
    static let defaultGlobs = ["**/vendor/**", "**/third_party/**", "**/node_modules/**"]
}
