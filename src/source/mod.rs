//! Reading the project: files (safely), YAML, the project config, units,
//! year files into the model, and the unit's other years beside each one.

mod compared;
pub(crate) mod config;
pub(crate) mod dataset;
pub(crate) mod files;
pub(crate) mod format;
pub(crate) mod history;
pub(crate) mod inputs;
pub(crate) mod provenance;
pub(crate) mod schema;
pub(crate) mod units;
pub(crate) mod workbook;
pub(crate) mod yaml;
