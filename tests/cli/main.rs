//! Integration tests: each runs the real `report` binary on a fixture project
//! copied into a temporary folder.

// Test helpers are `pub` for the sibling modules of this one binary.
#![allow(unreachable_pub)]

mod bounds;
mod build;
mod check;
mod errors;
mod examples;
mod figures;
mod genre;
mod grid;
mod help;
mod import;
mod layout;
mod locale;
mod manifest;
mod ofd;
mod office;
mod ooxml;
mod pages;
mod print;
mod project;
mod schema;
mod serve;
mod support;
mod units;
mod web_import;
mod workbook;
mod years;
