//! The page: renders an `Analysis` into the DOM (wasm32 only). PLACEHOLDER, see the page issue.
