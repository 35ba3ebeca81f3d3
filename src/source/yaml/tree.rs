//! The tree a year's data is read into, and where each value was written:
//! a line and column of the YAML file, or a cell of the year's workbook.
//! The checks that build the model read this tree alone, whichever reader
//! filled it.

use crate::diagnostic::Location;
use crate::tr;
use std::fmt;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::{MapAccess, SeqAccess, Visitor};

/// A value with where it was written. The crate's own span type stays in this
/// module, so the rest of the tool does not change when the YAML crate does.
#[derive(Debug, Clone)]
pub(crate) struct Spanned<T> {
    pub(crate) value: T,
    pub(super) at: Span,
}

/// Line and column (from 1) of a value, and its bytes when the parser knows
/// them; or the workbook cell it was read from.
#[derive(Debug, Clone, Default)]
pub(super) struct Span {
    pub(super) line: usize,
    pub(super) column: usize,
    pub(super) offset: Option<usize>,
    pub(super) len: Option<usize>,
    pub(super) cell: Option<Arc<Cell>>,
}

/// A workbook cell a value was read from: where to point a message, and the
/// cell's text as read (a number keeps the digits it was read with).
#[derive(Debug)]
pub(crate) struct Cell {
    pub(crate) location: Location,
    pub(crate) text: String,
    /// The sheet's column, from 1 (C is 3); the row is the location's line.
    pub(crate) column: usize,
}

impl<T> Spanned<T> {
    /// A value read from a workbook cell.
    pub(crate) fn in_cell(value: T, cell: Cell) -> Self {
        Self {
            value,
            at: Span {
                line: cell.location.line,
                column: cell.column,
                cell: Some(Arc::new(cell)),
                ..Span::default()
            },
        }
    }

    /// Another value at the same place.
    pub(crate) fn here<U>(&self, value: U) -> Spanned<U> {
        Spanned {
            value,
            at: self.at.clone(),
        }
    }

    /// The cell the value was read from, if it came from a workbook.
    pub(crate) fn cell(&self) -> Option<&Cell> {
        self.at.cell.as_deref()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let at = &spanned.referenced;
        let span = at.span();
        let to_usize = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        Ok(Self {
            value: spanned.value,
            at: Span {
                line: to_usize(at.line()),
                column: to_usize(at.column()),
                offset: span.byte_offset().map(to_usize),
                len: span.byte_len().map(to_usize),
                cell: None,
            },
        })
    }
}

/// A YAML document as a tree of spanned nodes, before any schema.
#[derive(Debug, Clone)]
pub(crate) enum Tree {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<Spanned<Tree>>),
    Map(Vec<(Spanned<String>, Spanned<Tree>)>),
}

impl Tree {
    /// What kind of value this is, in words a clerk knows.
    pub(crate) fn kind(&self) -> String {
        match self {
            Self::Null => tr!("空值", "empty"),
            Self::Bool(_) => "true/false".to_string(),
            Self::Number(_) => tr!("数字", "a number"),
            Self::Text(_) => tr!("文字", "text"),
            Self::List(_) => tr!("列表", "a list"),
            Self::Map(_) => tr!("“键: 值”", "`key: value` pairs"),
        }
    }
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Tree, E> {
        Ok(Tree::Number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Tree, E> {
        Ok(Tree::Number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Tree, E> {
        Ok(Tree::Number(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Tree, E> {
        Ok(Tree::Text(v.to_string()))
    }
    fn visit_unit<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }
    fn visit_none<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Tree, D::Error> {
        Tree::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Tree>>()? {
            items.push(item);
        }
        Ok(Tree::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let value = map.next_value::<Spanned<Tree>>()?;
            entries.push((key, value));
        }
        Ok(Tree::Map(entries))
    }
}
