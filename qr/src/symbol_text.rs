//! The text of a decoded QR symbol, without rxing's character-set machinery.
//!
//! rxing's decoder (`cpp_port::decoder::Decode`) still decides whether a
//! symbol decodes at all (Reed–Solomon, a well-formed bit stream). Its text
//! conversion would link every encoding_rs table (see `Cargo.toml`), so the
//! text is made here: ASCII content — every Baodao code — is the bytes as
//! they are; anything else is read again segment by segment (mode, ECI,
//! bytes) and converted by [`crate::charset`], following rxing's rules
//! (`ECIStringBuilder`): ECI designations apply from where they appear, and
//! byte segments without one are guessed (UTF-8, Shift_JIS or ISO-8859-1,
//! `string_utils::guessCharset`). Unlike rxing, a segment that cannot be
//! converted fails the whole symbol instead of silently vanishing from the
//! text: no text is better than a wrong one.

use rxing::common::cpp_essentials::DecoderResult;
use rxing::common::string_utils::guessCharset;
use rxing::common::{AIFlag, BitMatrix, BitSource, CharacterSet, ECIStringBuilder, Eci};
use rxing::qrcode::common::{Mode, Version};
use rxing::qrcode::cpp_port::decoder::{
    CorrectErrors, DecodeAlphanumericSegment, DecodeByteSegment, DecodeHanziSegment,
    DecodeKanjiSegment, DecodeNumericSegment, IsEndOfStream, ParseECIValue,
};
use rxing::qrcode::cpp_port::Type;
use rxing::qrcode::decoder::{BitMatrixParser, DataBlock};
use rxing::DecodeHints;

use crate::charset;

/// The text of `bits`, which rxing decoded into `result` (a valid result).
pub fn text(bits: &BitMatrix, result: &DecoderResult<bool>) -> Option<String> {
    let content = result.content();
    if !content.has_eci && content.bytes().is_ascii() {
        // Every character set rxing would pick here reads ASCII as ASCII.
        return Some(content.bytes().iter().map(|&b| char::from(b)).collect());
    }
    let mut parser = BitMatrixParser::new(bits.clone()).ok()?;
    if let Some(text) = read(&mut parser) {
        return Some(text);
    }
    // A mirrored symbol, as rxing's `qrcode_decoder` retries it.
    parser.remask().ok()?;
    parser.setMirror(true);
    parser.readVersion().ok()?;
    parser.readFormatInformation().ok()?;
    parser.mirror();
    read(&mut parser)
}

/// Error-corrected data codewords → text.
fn read(parser: &mut BitMatrixParser) -> Option<String> {
    let version = parser.readVersion().ok()?;
    let level = parser
        .readFormatInformation()
        .ok()?
        .getErrorCorrectionLevel();
    let codewords = parser.readCodewords().ok()?;
    let mut data = Vec::new();
    for block in DataBlock::getDataBlocks(&codewords, version, level).ok()? {
        let mut words = block.getCodewords().to_vec();
        let n = block.getNumDataCodewords();
        CorrectErrors(&mut words, n).ok()?;
        data.extend_from_slice(&words[..n as usize]);
    }
    stream_text(&data, version)
}

/// rxing's `DecodeBitStream`, keeping each segment's character set.
fn stream_text(data: &[u8], version: &Version) -> Option<String> {
    let mut bits = BitSource::new(data);
    let mut segments = Segments::default();
    let mut ai_flag = AIFlag::None;
    let mode_bits = Mode::get_codec_mode_bits_length(version) as usize;
    while !IsEndOfStream(&mut bits, version).ok()? {
        let mode = if mode_bits == 0 {
            Mode::NUMERIC
        } else {
            Mode::CodecModeForBits(bits.readBits(mode_bits).ok()?, Some(Type::Model2)).ok()?
        };
        // Segment decoders write into a builder of their own; only the bytes are kept.
        let mut segment = ECIStringBuilder::default();
        segment.symbology.aiFlag = ai_flag;
        let set = match mode {
            Mode::FNC1_FIRST_POSITION => {
                ai_flag = AIFlag::GS1;
                continue;
            }
            Mode::FNC1_SECOND_POSITION => {
                if !segments.bytes.is_empty() {
                    return None;
                }
                let indicator = bits.readBits(8).ok()?;
                match indicator {
                    0..=99 => segments.append(format!("{indicator:02}").as_bytes()),
                    165..=190 | 197..=222 => segments.append(&[(indicator - 100) as u8]),
                    _ => return None,
                }
                ai_flag = AIFlag::AIM;
                continue;
            }
            Mode::STRUCTURED_APPEND => {
                bits.readBits(16).ok()?;
                continue;
            }
            Mode::ECI => {
                let set: CharacterSet = ParseECIValue(&mut bits).ok()?.into();
                segments.switch_encoding(set, true);
                continue;
            }
            Mode::HANZI => {
                if bits.readBits(4).ok()? != 1 {
                    return None; // only the GB 2312 subset exists
                }
                let count = bits
                    .readBits(mode.CharacterCountBits(version) as usize)
                    .ok()?;
                DecodeHanziSegment(&mut bits, count, &mut segment).ok()?;
                CharacterSet::GB18030
            }
            _ => {
                let count = bits
                    .readBits(mode.CharacterCountBits(version) as usize)
                    .ok()?;
                match mode {
                    Mode::NUMERIC => DecodeNumericSegment(&mut bits, count, &mut segment).ok()?,
                    Mode::ALPHANUMERIC => {
                        DecodeAlphanumericSegment(&mut bits, count, &mut segment).ok()?
                    }
                    Mode::BYTE => DecodeByteSegment(&mut bits, count, &mut segment).ok()?,
                    Mode::KANJI => DecodeKanjiSegment(&mut bits, count, &mut segment).ok()?,
                    _ => return None,
                }
                match mode {
                    Mode::BYTE => CharacterSet::Unknown,
                    Mode::KANJI => CharacterSet::Shift_JIS,
                    _ => CharacterSet::ISO8859_1,
                }
            }
        };
        segments.switch_encoding(set, false);
        segments.append(segment.bytes());
    }
    segments.text()
}

/// rxing's `ECIStringBuilder` as the QR decoder uses it: all bytes, and where
/// each character set starts (and ends, once the next one starts).
#[derive(Default)]
struct Segments {
    has_eci: bool,
    bytes: Vec<u8>,
    positions: Vec<(Eci, usize, Option<usize>)>,
}

impl Segments {
    fn append(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    /// Once an ECI appeared, only ECIs change the set (mode-implied sets no longer do).
    fn switch_encoding(&mut self, set: CharacterSet, is_eci: bool) {
        if is_eci && !self.has_eci {
            self.positions.clear();
        }
        if is_eci || !self.has_eci {
            if let Some(last) = self.positions.last_mut() {
                last.2 = Some(self.bytes.len());
            }
            self.positions
                .push((Eci::from(set), self.bytes.len(), None));
        }
        self.has_eci |= is_eci;
    }

    fn text(&self) -> Option<String> {
        let len = self.bytes.len();
        let first = self.positions.first().map_or(len, |p| p.1);
        let mut text = segment_text(&self.bytes[..first], Eci::ISO8859_1)?;
        if first == len {
            return Some(text);
        }
        for &(eci, start, end) in &self.positions {
            text.push_str(&segment_text(&self.bytes[start..end.unwrap_or(len)], eci)?);
        }
        Some(text)
    }
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// rxing's `ECIStringBuilder::encode_segment`, strict (see the module doc).
fn segment_text(bytes: &[u8], eci: Eci) -> Option<String> {
    if bytes.is_empty() {
        return Some(String::new());
    }
    match eci {
        Eci::Binary => Some(latin1(bytes)),
        Eci::Unknown => Some(
            guessCharset(bytes, &DecodeHints::default())
                .and_then(|set| charset::decode(set, bytes))
                .unwrap_or_else(|| latin1(bytes)),
        ),
        eci => charset::decode(CharacterSet::from(eci), bytes),
    }
}
