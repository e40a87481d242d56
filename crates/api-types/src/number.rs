//! Whole numbers in request bodies. JSON has one number type, and `5.0` is the same whole
//! number as `5` (the OpenAPI document's `integer` says so too); serde alone refuses the first
//! for an integer field. These read both, and refuse a fraction or a value out of range with
//! serde's own "invalid value" error.

use serde::de::{Deserializer, Error, Unexpected, Visitor};

struct Whole;

impl Visitor<'_> for Whole {
    type Value = i64;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a whole number")
    }
    fn visit_i64<E: Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }
    fn visit_u64<E: Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
    }
    fn visit_f64<E: Error>(self, v: f64) -> Result<i64, E> {
        // Beyond 2^53 a float no longer holds every whole number; no field here comes near.
        if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
            Ok(v as i64)
        } else {
            Err(E::invalid_value(Unexpected::Float(v), &self))
        }
    }
}

fn whole<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<T, D::Error> {
    let v = d.deserialize_any(Whole)?;
    T::try_from(v).map_err(|_| D::Error::invalid_value(Unexpected::Signed(v), &"a whole number in range"))
}

/// A whole number (`5` or `5.0`) into any integer type.
pub fn int<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<T, D::Error> {
    whole(d)
}

/// An optional whole number; `null` is none.
pub fn opt_int<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<Option<T>, D::Error> {
    struct Opt<T>(std::marker::PhantomData<T>);
    impl<'de, T: TryFrom<i64>> Visitor<'de> for Opt<T> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a whole number or null")
        }
        fn visit_none<E: Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_unit<E: Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
            whole(d).map(Some)
        }
    }
    d.deserialize_option(Opt(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct T {
        #[serde(deserialize_with = "super::int")]
        a: u8,
        #[serde(default, deserialize_with = "super::opt_int")]
        b: Option<i32>,
    }

    fn parse(s: &str) -> Result<T, String> {
        serde_json::from_str(s).map_err(|e| e.to_string())
    }

    #[test]
    fn whole_floats_are_whole_numbers_and_fractions_are_not() {
        assert_eq!(parse(r#"{"a": 5.0, "b": 1990.0}"#), Ok(T { a: 5, b: Some(1990) }));
        assert_eq!(parse(r#"{"a": 5}"#), Ok(T { a: 5, b: None }));
        assert_eq!(parse(r#"{"a": 5, "b": null}"#), Ok(T { a: 5, b: None }));
        assert!(parse(r#"{"a": 5.5}"#).is_err());
        assert!(parse(r#"{"a": 256}"#).is_err());
        assert!(parse(r#"{"a": -1}"#).is_err());
        assert!(parse(r#"{"a": "5"}"#).is_err());
        assert!(parse(r#"{"a": 1e300}"#).is_err());
    }
}
