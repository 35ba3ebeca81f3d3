//! The keys a data file may hold, and the fixed lists the checks read.

use crate::model::PartKind;

pub(crate) const TOP_KEYS: &[&str] = &[
    "year",
    "topic",
    "title",
    "issuer",
    "date",
    "addressee",
    "script",
    "masthead",
    "attachments",
    "imprint",
    "signature",
    "intro",
    "metrics",
    "work",
    "innovations",
    "problems",
    "plan",
    "parts",
];
pub(crate) const METRIC_KEYS: &[&str] = &[
    "label",
    "value",
    "unit",
    "approx",
    "scale",
    "target",
    "change",
    "completion",
    "chart",
    "rollup",
    "note",
];
pub(crate) const NODE_KEYS: &[&str] = &[
    "heading",
    "run_in",
    "numbered",
    "text",
    "points",
    "points_as",
    "table",
    "targets",
    "items",
    "note",
];
pub(crate) const POINT_KEYS: &[&str] = &["heading", "text"];
pub(crate) const MASTHEAD_KEYS: &[&str] = &["organ", "number"];
pub(crate) const IMPRINT_KEYS: &[&str] = &["cc", "office", "date"];
pub(crate) const TABLE_KEYS: &[&str] = &["caption", "columns", "rows"];
pub(crate) const TARGET_KEYS: &[&str] = &["metric", "value", "label", "unit"];

/// What `report new` leaves for the clerk to fill in.
pub(crate) const TO_FILL: &str = "待填";

/// A note that starts with this is a guess still to be confirmed (what
/// `report import` could not tell for sure): `check` lists it, `build`
/// still builds.
pub(crate) const TO_CONFIRM: &str = "待核对";

/// The parts a work summary cannot do without.
pub(super) const REQUIRED_PARTS: [PartKind; 3] =
    [PartKind::Work, PartKind::Problems, PartKind::Plan];

/// Units that count whole things: a value in one of them is a whole number.
pub(crate) const COUNT_UNITS: &[&str] = &[
    "处",
    "个",
    "户",
    "株",
    "棵",
    "人",
    "人次",
    "次",
    "辆",
    "件",
    "家",
    "名",
    "所",
    "座",
    "条",
    "项",
    "宗",
    "起",
    "场",
    "台",
    "套",
    "只",
    "头",
    "间",
    "栋",
    "块",
    "张",
    "份",
    "批",
    "支",
    "万人次",
    "座次",
    "组",
    "艘",
    "班次",
    "趟",
    "台次",
    "盆",
    // The same in traditional script.
    "處",
    "個",
    "戶",
    "輛",
    "項",
    "條",
    "場",
    "臺",
    "隻",
    "頭",
    "間",
    "棟",
    "塊",
    "張",
    "萬人次",
    "組",
    "臺次",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::script::Script;

    // A key listed twice would be suggested twice in “keys allowed here”.
    #[test]
    fn no_list_names_a_key_twice() {
        for list in [
            TOP_KEYS,
            METRIC_KEYS,
            NODE_KEYS,
            POINT_KEYS,
            MASTHEAD_KEYS,
            IMPRINT_KEYS,
            TABLE_KEYS,
            TARGET_KEYS,
            COUNT_UNITS,
        ] {
            let mut seen = std::collections::HashSet::new();
            for key in list {
                assert!(seen.insert(key), "{key} twice in {list:?}");
            }
        }
    }

    // A traditional report counts in the same units: each simplified count
    // unit has its traditional form in the list too.
    #[test]
    fn count_units_are_listed_in_both_scripts() {
        for unit in COUNT_UNITS {
            let traditional = Script::Traditional.words(unit);
            assert!(
                COUNT_UNITS.contains(&traditional.as_str()),
                "{unit} is a count unit but {traditional} is not"
            );
        }
    }
}
