//! The definitions Sammen ships, as JSON files in `definitions/` (see `docs/instruments.md`).

use crate::model::{Definition, DefinitionError, parse_definition};

/// The shipped definition files, by id. Only the CHIME check-in carries item text; the
/// others are structure and scoring only, because their text is licensed.
pub const SHIPPED_JSON: [(&str, &str); 7] = [
    ("qpr-15", include_str!("../definitions/qpr-15.json")),
    ("who-5", include_str!("../definitions/who-5.json")),
    ("swemwbs", include_str!("../definitions/swemwbs.json")),
    ("brief-inspire-o", include_str!("../definitions/brief-inspire-o.json")),
    ("ors", include_str!("../definitions/ors.json")),
    ("barc-10", include_str!("../definitions/barc-10.json")),
    ("sammen-chime-checkin", include_str!("../definitions/sammen-chime-checkin.json")),
];

/// Every shipped definition, parsed and validated. (A test proves they all are valid.)
pub fn shipped() -> Result<Vec<Definition>, DefinitionError> {
    SHIPPED_JSON.iter().map(|(_, json)| parse_definition(json)).collect()
}

/// One shipped definition by id; `None` when there is no such id.
pub fn shipped_definition(id: &str) -> Option<Result<Definition, DefinitionError>> {
    SHIPPED_JSON.iter().find(|(i, _)| *i == id).map(|(_, json)| parse_definition(json))
}
