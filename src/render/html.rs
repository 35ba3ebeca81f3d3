//! HTML: Tera's own HTML escaping for every value printed into a `.html`
//! template, so data can never become markup.

pub(super) fn configure(tera: &mut tera::Tera) {
    tera.autoescape_on(vec![".html"]);
}
