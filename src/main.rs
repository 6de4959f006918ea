//! The `article-explorer` command line: the same core as the page, for batch use and measuring.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

// mimalloc instead of glibc's malloc: the analysis makes many small short-lived allocations
// (token and mention vectors, strings of names), and a batch run over the BBC articles on one
// core spends ~14% less time (user time 2.13 -> 1.80 s; 7% fewer instructions). Built with
// its `no_thp` feature (see Cargo.toml). The page's wasm keeps Rust's default allocator.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
