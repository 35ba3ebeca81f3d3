//! Reading the project: files (safely), YAML, the project config, units,
//! year files into the model, and the unit's other years beside each one.

mod compared;
pub mod config;
pub mod dataset;
pub mod files;
pub mod format;
pub mod history;
pub mod provenance;
pub mod schema;
pub mod units;
pub mod workbook;
pub mod yaml;
