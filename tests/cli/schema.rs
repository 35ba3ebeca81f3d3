//! `report schema`: the data file's JSON Schema validates every example's
//! data and refuses a misspelt key; `init` and `new` point data files at it.

use crate::support::{Project, repo, report_command};

fn schema() -> serde_json::Value {
    let output = report_command().arg("schema").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    serde_json::from_slice(&output.stdout).expect("the schema is JSON")
}

/// A YAML file as the JSON value an editor validates.
fn as_json(yaml: &str) -> serde_json::Value {
    serde_saphyr::from_str(yaml).expect("YAML")
}

fn data_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            data_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml")
            && path
                .file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        {
            out.push(path);
        }
    }
}

#[test]
fn every_example_validates_and_a_misspelt_key_does_not() {
    let validator = jsonschema::validator_for(&schema()).expect("a valid schema");
    let mut files = Vec::new();
    data_files(&repo().join("examples"), &mut files);
    data_files(&repo().join("data"), &mut files);
    data_files(&repo().join("tests/fixtures"), &mut files);
    assert!(files.len() >= 10, "{files:?}");
    for file in &files {
        let value = as_json(&std::fs::read_to_string(file).unwrap());
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
    let good = std::fs::read_to_string(repo().join("data/2017.yaml")).unwrap();
    for bad in [
        good.replacen("topic:", "topik:", 1),
        good.replacen("    unit: ㎡\n", "    unti: ㎡\n", 1),
        good.replacen("\n      run_in: true", "\n      run_in: 是", 1),
        good.replacen("\n    approx: true", "\n    approx: 大约", 1),
    ] {
        assert_ne!(bad, good);
        assert!(!validator.is_valid(&as_json(&bad)), "{bad}");
    }
}

#[test]
fn init_and_new_name_the_schema_on_the_first_line() {
    let project = Project::empty();
    project.report(&["init", "."]).success();
    let modeline = "# yaml-language-server: $schema=../report.schema.json\n";
    assert!(project.read("data/2017.yaml").starts_with(modeline));
    let written: serde_json::Value =
        serde_json::from_str(&project.read("report.schema.json")).unwrap();
    assert_eq!(written, schema());
    project.report(&["build", "2017"]).success();
    project.report(&["new", "2018"]).success();
    assert!(project.read("data/2018.yaml").starts_with(modeline));
    // A project made before the schema gets it with its next year.
    let project = Project::example();
    project.report(&["new", "2018"]).success();
    assert!(project.exists("report.schema.json"));
}
