//! The fill-in workbook `report sheet` writes: a title, the headers, and a
//! row per metric with last year's figure and this year's target beside the
//! cell to fill. Only the cells to fill are open to typing (the sheet is
//! protected, without a password), and they accept numbers alone (whole
//! numbers for counts) and, beside them, the approximation words the data
//! file allows. The layout is the one the loader reads back
//! (`source::workbook::layout`).

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Workbook, XlsxError,
};

use crate::error::Error;
use crate::source::workbook::layout::{self, APPROX, HEADER_ROW, KEY, LABEL, UNIT};

/// One metric's row.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) key: String,
    pub(crate) label: String,
    pub(crate) unit: String,
    /// Last year's figure, if there was one.
    pub(crate) last: Option<f64>,
    /// This year's target, as last year's plan set it.
    pub(crate) target: Option<f64>,
    /// Counted in whole things (户, 处): only whole numbers are accepted.
    pub(crate) count: bool,
}

/// The workbook's bytes: the same entries give the same bytes, on every
/// system.
pub(crate) fn workbook(unit: &str, year: u16, entries: &[Entry]) -> Result<Vec<u8>, Error> {
    let failed = |reason: String| Error::Render {
        format: "XLSX",
        reason,
    };
    let bytes = sheet(unit, year, entries).map_err(|e| failed(e.to_string()))?;
    repacked(&bytes).map_err(|e| failed(e.to_string()))
}

/// The package again, its parts stored as ours are (`package_part`): the
/// zip crate under `rust_xlsxwriter` marks them by the host's system.
fn repacked(bytes: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::{Cursor, Read as _, Write as _};
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))?;
    let options = crate::render::packaging::package_part(zip::CompressionMethod::Deflated);
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let mut part = archive.by_index(index)?;
        let name = part.name()?.to_string();
        let mut contents = Vec::new();
        part.read_to_end(&mut contents)?;
        out.start_file(name, options)?;
        out.write_all(&contents)?;
    }
    out.finish().map(Cursor::into_inner)
}

fn sheet(unit: &str, year: u16, entries: &[Entry]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // A fixed date: the file's bytes depend on the data alone.
    let created = ExcelDateTime::from_ymd(year, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(format!("{unit} {year}年指标填报表"))
            .set_creation_datetime(&created),
    );
    let sheet = book.add_worksheet();
    sheet.set_name(layout::sheet_name(unit))?;
    let title = Format::new().set_bold().set_font_size(14);
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x00D9_E1F2))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let fixed = Format::new().set_border(FormatBorder::Thin);
    let to_fill = Format::new()
        .set_unlocked()
        .set_background_color(Color::RGB(0x00FF_F2CC))
        .set_border(FormatBorder::Thin);
    sheet.write_string_with_format(
        0,
        0,
        format!("{unit}：{year}年指标填报表（只填黄色的格子）"),
        &title,
    )?;
    let headers = [
        KEY.to_string(),
        LABEL.to_string(),
        UNIT.to_string(),
        layout::last_year_header(year),
        layout::target_header(year),
        layout::value_header(year),
        APPROX.to_string(),
    ];
    for (column, text) in (0u16..).zip(&headers) {
        sheet.write_string_with_format(HEADER_ROW, column, text, &header)?;
    }
    for (width, column) in [16.0, 30.0, 8.0, 14.0, 14.0, 16.0, 8.0]
        .into_iter()
        .zip(0u16..)
    {
        sheet.set_column_width(column, width)?;
    }
    let first = HEADER_ROW + 1;
    for (row, entry) in (first..).zip(entries) {
        sheet.write_string_with_format(row, 0, &entry.key, &fixed)?;
        sheet.write_string_with_format(row, 1, &entry.label, &fixed)?;
        sheet.write_string_with_format(row, 2, &entry.unit, &fixed)?;
        for (column, figure) in [(3, entry.last), (4, entry.target)] {
            match figure {
                Some(value) => sheet.write_number_with_format(row, column, value, &fixed)?,
                None => sheet.write_blank(row, column, &fixed)?,
            };
        }
        sheet.write_blank(row, 5, &to_fill)?;
        sheet.write_blank(row, 6, &to_fill)?;
        let rule = if entry.count {
            DataValidation::new()
                .allow_whole_number(DataValidationRule::Between(0, i32::MAX))
                .set_error_message(format!("“{}”以{}计，只能填整数。", entry.label, entry.unit))?
        } else {
            DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(0.0, 1e15))
                .set_error_message(format!(
                    "只填数字（以“{}”计），不加单位或文字。",
                    entry.unit
                ))?
        };
        let rule = rule
            .set_error_title("请填数字")?
            .set_input_title(entry.label.chars().take(32).collect::<String>())?
            .set_input_message(format!(
                "{year}年的数字，以“{}”计；约数在右边一格选。",
                entry.unit
            ))?;
        sheet.add_data_validation(row, 5, row, 5, &rule)?;
    }
    if let Some(last) = (first..).zip(entries).map(|(row, _)| row).last() {
        let listed = layout::approx_words();
        let words = DataValidation::new()
            .allow_list_strings(&listed)?
            .set_error_title("约数")?
            .set_error_message(format!(
                "从列表中选：{}；不是约数就空着。",
                listed.join("、")
            ))?;
        sheet.add_data_validation(first, 6, last, 6, &words)?;
    }
    sheet.set_freeze_panes(first, 0)?;
    sheet.protect();
    book.save_to_buffer()
}
