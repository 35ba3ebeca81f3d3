//! The data file's JSON Schema (draft 2020-12), for editors: VS Code's YAML
//! extension completes keys and underlines misspelt ones while the clerk
//! types. The keys of every object come from the loader's own key lists, so
//! the schema cannot name a key the loader refuses or miss one it reads; the
//! types and the Chinese descriptions are here.

use serde_json::{Value, json};

use crate::model::PartKind;
use crate::source::dataset::keys::{
    IMPRINT_KEYS, MASTHEAD_KEYS, METRIC_KEYS, NODE_KEYS, POINT_KEYS, TABLE_KEYS, TARGET_KEYS,
    TOP_KEYS,
};

/// Where `report init` writes the schema, and how data files name it.
pub(crate) const FILE: &str = "report.schema.json";

/// The first line of a data file that points an editor at the schema.
pub(crate) fn modeline(path_to_schema: &str) -> String {
    format!("# yaml-language-server: $schema={path_to_schema}")
}

/// The schema as a file holds it: pretty-printed, one final newline.
pub(crate) fn file_text() -> String {
    let mut text = serde_json::to_string_pretty(&data_file()).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema of `data/<YEAR>.yaml`.
pub(crate) fn data_file() -> Value {
    let node = object(NODE_KEYS, node_key);
    let mut part = object(NODE_KEYS, node_key);
    if let Some(properties) = part["properties"].as_object_mut() {
        properties.insert(
            "kind".into(),
            json!({
                "description": "这一部分是哪一种：work 工作总结（同比表、图放在其后）、innovations 创新做法、problems 存在的问题、plan 工作计划（可写 targets）",
                "enum": PartKind::ALL.iter().map(|k| k.key()).collect::<Vec<_>>(),
            }),
        );
    }
    let mut schema = object(TOP_KEYS, top_key);
    let map = schema.as_object_mut().expect("an object");
    map.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    map.insert("title".into(), json!("report 年度数据文件"));
    map.insert(
        "$defs".into(),
        json!({
            "node": node,
            "part": part,
            "metric": object(METRIC_KEYS, metric_key),
            "point": object(POINT_KEYS, point_key),
            "table": object(TABLE_KEYS, table_key),
            "target": object(TARGET_KEYS, target_key),
            "masthead": object(MASTHEAD_KEYS, masthead_key),
            "imprint": object(IMPRINT_KEYS, imprint_key),
        }),
    );
    schema
}

/// The type and description of a key of one kind of object.
type Describe = fn(&str) -> Option<Value>;

/// An object with exactly `keys`, each described by `describe`.
fn object(keys: &[&str], describe: Describe) -> Value {
    let properties: serde_json::Map<String, Value> = keys
        .iter()
        .map(|key| {
            (
                (*key).to_string(),
                describe(key).unwrap_or_else(|| json!({})),
            )
        })
        .collect();
    json!({
        "type": "object",
        "additionalProperties": false,
        "properties": properties,
    })
}

fn text(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

fn flag(description: &str) -> Value {
    json!({ "type": "boolean", "description": description })
}

fn reference(name: &str, description: &str) -> Value {
    json!({ "$ref": format!("#/$defs/{name}"), "description": description })
}

fn top_key(key: &str) -> Option<Value> {
    Some(match key {
        "year" => {
            json!({ "type": "integer", "minimum": 1949, "maximum": 2100, "description": "年份；可不写，须与文件名一致" })
        }
        "topic" => text("主题：标题自动生成为“××年{主题}工作总结及××年工作计划”"),
        "title" => text("标题；写了就代替自动生成的标题"),
        "issuer" => text("署名（发文机关）"),
        "date" => {
            json!({ "type": "string", "pattern": "^\\d{4}-\\d{1,2}-\\d{1,2}$", "description": "成文日期，年-月-日，如 2017-12-28" })
        }
        "addressee" => text("主送机关，如“区委、区政府”：印在标题下，居左顶格"),
        "script" => {
            json!({ "enum": ["simplified", "traditional", "简体", "繁体", "簡體", "繁體", "zh-Hans", "zh-CN", "zh-Hant", "zh-TW", "zh-HK"], "description": "简体或繁体：程序自己写的字随之" })
        }
        "masthead" => reference("masthead", "版头：发文机关标志和发文字号（正式行文时写）"),
        "attachments" => {
            json!({ "type": "array", "items": { "type": "string" }, "description": "附件说明：附件名称，按顺序" })
        }
        "imprint" => reference("imprint", "版记：抄送、印发机关和印发日期"),
        "signature" => {
            json!({ "enum": ["end", "below-title", "none"], "description": "署名和成文日期放在哪里：end 文末落款（默认）；below-title 标题下一行，楷体居中；none 不写（这时可以不写 issuer）" })
        }
        "intro" => text("导语；段与段之间空一行"),
        "metrics" => json!({
            "type": "object",
            "description": "指标：每个数字录入一次，正文里写 {指标名} 引用",
            "propertyNames": { "pattern": "^[A-Za-z_][A-Za-z0-9_]*$" },
            "additionalProperties": { "$ref": "#/$defs/metric" },
        }),
        "work" => reference("node", "一、主要工作及成效"),
        "innovations" => reference("node", "二、创新做法"),
        "problems" => reference("node", "三、存在的问题"),
        "plan" => reference("node", "四、下一年工作计划（可写 targets）"),
        "parts" => {
            json!({ "type": "array", "items": { "$ref": "#/$defs/part" }, "description": "部分按这里的顺序和标题编号；写了 parts 就不写 work 等四个键" })
        }
        _ => return None,
    })
}

fn metric_key(key: &str) -> Option<Value> {
    Some(match key {
        "label" => text("中文名称"),
        "value" => {
            json!({ "type": ["number", "null"], "minimum": 0, "description": "数值，照原数写；暂缺写 ~" })
        }
        "unit" => text("单位，如 ㎡、处；不要写成“万平方米”，用 scale"),
        "approx" => {
            json!({ "description": "约数：true 多于并往小处取整（40余处）；写一个词则照录入的数印出，词也照写的印：余/餘（45余处）、约/約（约7800处）、超/逾/近/不足（超19亿元）、以上/左右（2亿元以上）", "anyOf": [{ "type": "boolean" }, { "enum": ["余", "约", "超", "逾", "近", "不足", "以上", "左右", "餘", "約"] }] })
        }
        "scale" => {
            json!({ "enum": ["万", "亿", "萬", "億"], "description": "印成万或亿：504000 印成 50.4万" })
        }
        "target" => {
            json!({ "type": "number", "minimum": 0, "description": "今年自己的目标值；正文用 {指标.completion} 印完成率" })
        }
        "change" => {
            json!({ "type": "number", "description": "报告写明的与上年相比的变化：12.5 印成“同比增长12.5%”，-3.1 印成“同比下降3.1%”，比率（unit: %）印成“提高/下降…个百分点”；正文用 {指标.change}；有上年数据时 check 核对是否一致" })
        }
        "completion" => {
            json!({ "type": "number", "minimum": 0, "description": "报告写明的完成率（百分之几），没有 target 时用：99.8 印成“完成目标任务的99.8%”；正文用 {指标.completion}、{指标.share}；有 target 时 check 核对是否一致" })
        }
        "chart" => flag("画出历年图表"),
        "rollup" => json!({ "enum": ["sum"], "description": "sum：等于下级单位之和" }),
        "note" => text("备注，只给录入人看，不印出；以“待核对”开头的，check 会列出"),
        _ => return None,
    })
}

fn node_key(key: &str) -> Option<Value> {
    Some(match key {
        "heading" => text("小标题，不写序号"),
        "run_in" => flag("小标题与正文接排"),
        "numbered" => flag("false：小标题不编号"),
        "text" => {
            json!({ "type": ["string", "number"], "description": "正文；{指标名} 处印出数字（还有 {指标名.target}、{指标名.completion}、{指标名.share}）；花括号本身写成 {{ 和 }}，其他花括号是错误" })
        }
        "points" => {
            json!({ "type": "array", "items": { "anyOf": [{ "type": "string" }, { "$ref": "#/$defs/point" }] }, "description": "一是、二是……的各项" })
        }
        "points_as" => {
            json!({ "enum": ["sentence", "sentences", "paragraphs"], "description": "sentence 一是……；二是……。接成一句（默认）；sentences 一是……。二是……。在一段里各成一句；paragraphs 各起一段" })
        }
        "table" => reference("table", "由数据生成的表格，印在正文之后"),
        "targets" => {
            json!({ "type": "array", "items": { "$ref": "#/$defs/target" }, "description": "下一年的目标（只在计划部分）" })
        }
        "items" => {
            json!({ "type": "array", "items": { "$ref": "#/$defs/node" }, "description": "下一层条目" })
        }
        "note" => text("备注，只给录入人看，不印出；以“待核对”开头的，check 会列出"),
        _ => return None,
    })
}

fn point_key(key: &str) -> Option<Value> {
    Some(match key {
        "heading" => text("这一项的小标题：印成“一是××。”"),
        "text" => text("这一项的正文"),
        _ => return None,
    })
}

fn table_key(key: &str) -> Option<Value> {
    let cell = json!({ "type": ["string", "number", "null"] });
    Some(match key {
        "caption" => text("表题"),
        "columns" => json!({ "type": "array", "items": cell, "description": "表头，各列的名称" }),
        "rows" => {
            json!({ "type": "array", "items": { "type": "array", "items": cell }, "description": "各行；格子里可写 {指标名}" })
        }
        _ => return None,
    })
}

fn target_key(key: &str) -> Option<Value> {
    Some(match key {
        "metric" => text("指标名"),
        "value" => json!({ "type": "number", "minimum": 0, "description": "目标值" }),
        "label" => text("中文名称（指标已定义时可不写）"),
        "unit" => text("单位（指标已定义时可不写）"),
        _ => return None,
    })
}

fn masthead_key(key: &str) -> Option<Value> {
    Some(match key {
        "organ" => text("发文机关标志，如“××局文件”"),
        "number" => text("发文字号，如 通环治办〔2018〕1号"),
        _ => return None,
    })
}

fn imprint_key(key: &str) -> Option<Value> {
    Some(match key {
        "cc" => {
            json!({ "anyOf": [{ "type": "string" }, { "type": "array", "items": { "type": "string" } }], "description": "抄送机关" })
        }
        "office" => text("印发机关"),
        "date" => {
            json!({ "type": "string", "pattern": "^\\d{4}-\\d{1,2}-\\d{1,2}$", "description": "印发日期，年-月-日" })
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // A key the loader reads has a type and a description here.
    #[test]
    fn every_key_is_described() {
        let tables: [(&[&str], Describe); 8] = [
            (TOP_KEYS, top_key),
            (METRIC_KEYS, metric_key),
            (NODE_KEYS, node_key),
            (POINT_KEYS, point_key),
            (TABLE_KEYS, table_key),
            (TARGET_KEYS, target_key),
            (MASTHEAD_KEYS, masthead_key),
            (IMPRINT_KEYS, imprint_key),
        ];
        for (keys, describe) in tables {
            for key in keys {
                let described = describe(key).expect(key);
                let has_description = described.get("description").is_some();
                assert!(has_description, "{key}");
            }
        }
    }
}
