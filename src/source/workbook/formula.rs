//! The arithmetic of the formulas a figures sheet holds (`=F3+F4`,
//! `=SUM(F3:F5)*2`), worked out again from the cells' values, so that a
//! formula whose saved result no longer matches its cells is found. What is
//! beyond that arithmetic (other functions, other sheets) is not judged.

/// The value of `formula` (without its `=`), or `None` when it holds what
/// this arithmetic does not know. `cell` gives a cell's number (0-based row
/// and column); an empty cell counts as 0, as in Excel.
pub(super) fn evaluate(formula: &str, cell: &dyn Fn(u32, u32) -> Option<f64>) -> Option<f64> {
    let mut parser = Parser {
        text: formula.as_bytes(),
        at: 0,
        cell,
    };
    let value = parser.sum()?;
    parser.skip_spaces();
    (parser.at == parser.text.len() && value.is_finite()).then_some(value)
}

struct Parser<'a> {
    text: &'a [u8],
    at: usize,
    cell: &'a dyn Fn(u32, u32) -> Option<f64>,
}

impl Parser<'_> {
    fn skip_spaces(&mut self) {
        while self.text.get(self.at) == Some(&b' ') {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_spaces();
        let found = self.text.get(self.at) == Some(&byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn sum(&mut self) -> Option<f64> {
        let mut value = self.product()?;
        loop {
            if self.eat(b'+') {
                value += self.product()?;
            } else if self.eat(b'-') {
                value -= self.product()?;
            } else {
                return Some(value);
            }
        }
    }

    fn product(&mut self) -> Option<f64> {
        let mut value = self.factor()?;
        loop {
            if self.eat(b'*') {
                value *= self.factor()?;
            } else if self.eat(b'/') {
                let divisor = self.factor()?;
                if divisor == 0.0 {
                    return None;
                }
                value /= divisor;
            } else {
                return Some(value);
            }
        }
    }

    fn factor(&mut self) -> Option<f64> {
        if self.eat(b'-') {
            return self.factor().map(|v| -v);
        }
        if self.eat(b'+') {
            return self.factor();
        }
        if self.eat(b'(') {
            let value = self.sum()?;
            return self.eat(b')').then_some(value);
        }
        self.skip_spaces();
        let start = self.at;
        if self.text.get(start).is_some_and(u8::is_ascii_digit)
            || self.text.get(start) == Some(&b'.')
        {
            while self
                .text
                .get(self.at)
                .is_some_and(|b| b.is_ascii_digit() || *b == b'.')
            {
                self.at += 1;
            }
            return std::str::from_utf8(&self.text[start..self.at])
                .ok()?
                .parse()
                .ok();
        }
        if self.word("SUM") {
            return self.function_sum();
        }
        let (row, column) = self.reference()?;
        (self.cell)(row, column)
    }

    /// `SUM(` already read: ranges, cells and expressions, comma-separated.
    fn function_sum(&mut self) -> Option<f64> {
        if !self.eat(b'(') {
            return None;
        }
        let mut total = 0.0;
        loop {
            let before = self.at;
            if let Some(((top, left), (bottom, right))) = self.range() {
                for row in top.min(bottom)..=top.max(bottom) {
                    for column in left.min(right)..=left.max(right) {
                        total += (self.cell)(row, column)?;
                    }
                }
            } else {
                self.at = before;
                total += self.sum()?;
            }
            if self.eat(b')') {
                return Some(total);
            }
            if !self.eat(b',') {
                return None;
            }
        }
    }

    fn range(&mut self) -> Option<((u32, u32), (u32, u32))> {
        let from = self.reference()?;
        if !self.eat(b':') {
            return None;
        }
        Some((from, self.reference()?))
    }

    /// A name in capitals followed by `(`, not a cell reference.
    fn word(&mut self, name: &str) -> bool {
        self.skip_spaces();
        let rest = &self.text[self.at..];
        let found = rest.len() > name.len()
            && rest[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && rest[name.len()] == b'(';
        if found {
            self.at += name.len();
        }
        found
    }

    /// `F3`, `$F$3`: 0-based row and column. A sheet's name (`表!F3`) is
    /// not read, so such a formula is not judged.
    fn reference(&mut self) -> Option<(u32, u32)> {
        self.skip_spaces();
        self.eat(b'$');
        let mut column: u32 = 0;
        let start = self.at;
        while let Some(b) = self.text.get(self.at).filter(|b| b.is_ascii_alphabetic()) {
            column = column.checked_mul(26)? + u32::from(b.to_ascii_uppercase() - b'A') + 1;
            self.at += 1;
        }
        if self.at == start || self.at - start > 3 {
            return None;
        }
        self.eat(b'$');
        let digits = self.at;
        while self.text.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        let row: u32 = std::str::from_utf8(&self.text[digits..self.at])
            .ok()?
            .parse()
            .ok()?;
        if row == 0 || self.text.get(self.at) == Some(&b'!') {
            return None;
        }
        Some((row - 1, column - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::evaluate;

    /// F3 = 10, F4 = 20, F5 = 30, everything else empty; in the shape
    /// `evaluate` asks for, which lets a cell say it has no number.
    #[allow(clippy::unnecessary_wraps)]
    fn sheet(row: u32, column: u32) -> Option<f64> {
        Some(match (row, column) {
            (2, 5) => 10.0,
            (3, 5) => 20.0,
            (4, 5) => 30.0,
            _ => 0.0,
        })
    }

    #[test]
    fn arithmetic_of_cells_and_sums() {
        for (formula, value) in [
            ("F3+F4", 30.0),
            ("SUM(F3:F5)", 60.0),
            ("sum($F$3:F5, 1)*2", 122.0),
            ("(F3+F4)/F5", 1.0),
            ("-F3 + 2.5", -7.5),
            ("G9", 0.0),
        ] {
            assert_eq!(evaluate(formula, &sheet), Some(value), "{formula}");
        }
    }

    #[test]
    fn what_it_does_not_know_is_not_judged() {
        for formula in [
            "AVERAGE(F3:F5)",
            "表!F3",
            "F3/G9",
            "F3+",
            "F3 F4",
            "ROUND(F3,0)",
        ] {
            assert_eq!(evaluate(formula, &sheet), None, "{formula}");
        }
    }
}
