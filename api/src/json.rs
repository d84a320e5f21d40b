//! JSON text of a [`Value`], exactly as serde_json writes it compactly, in a few lines of code:
//! serde_json's `Serializer` for `Value` (escaping, formatter, map and sequence states) costs
//! about 1.2 KB gzip in the browser's first download, where it only wrote request bodies.

use serde_json::{Number, Value};

/// `value` as compact JSON text: `{"a":[1,"x"]}`.
pub fn to_text(value: &Value) -> String {
    let mut out = String::new();
    write(value, &mut out);
    out
}

fn write(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(n, out),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write(item, out);
            }
            out.push('}');
        }
    }
}

fn write_number(n: &Number, out: &mut String) {
    use std::fmt::Write;
    let _ = match (n.as_i64(), n.as_u64()) {
        (Some(i), _) => write!(out, "{i}"),
        (_, Some(u)) => write!(out, "{u}"),
        // a fraction: serde_json's own text for it
        _ => write!(out, "{n}"),
    };
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_what_serde_json_writes() {
        let samples = [
            json!(null),
            json!({"name": "Lake \"2\"", "n": 5432, "neg": -3, "big": u64::MAX, "on": true,
                   "list": ["a", "b\\c", "tab\there", "line\nbreak", "\u{1}\u{1f}\u{7f}", "ünï €"],
                   "empty": {}, "none": [], "nested": {"x": [null, false, {"y": "z"}]}}),
            json!(i64::MIN),
            json!(2.5),
            json!(0.1),
            json!(2.0),
            json!(1e21),
            json!(1e-7),
            json!(1e-5),
            json!(-1.7976931348623157e308),
            json!(123456789.125),
            json!("\u{8}\u{c}\r"),
        ];
        for value in samples {
            assert_eq!(to_text(&value), value.to_string(), "{value:?}");
        }
    }

    #[test]
    fn reads_back_as_the_same_value() {
        let value = json!({"f": std::f64::consts::PI, "tiny": 5e-324, "e": -1.7976931348623157e308,
                           "big": 1e21, "small": 1e-7, "fifth": 1e-5, "whole": 1e16});
        let text = to_text(&value);
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
    }
}
