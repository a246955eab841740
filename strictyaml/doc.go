// Package strictyaml decodes YAML (and JSON, which is YAML) strictly into Go
// values and reports every problem as file:line:col: message.
//
// Unlike yaml.v3's own decoder it rejects unknown and duplicate keys with
// the column and a "did you mean" hint, reports wrong types with their
// position, keeps going after an error so a file's problems are reported
// together, fills Pos fields with the source position of the mapping they
// were decoded from, and refuses binary data, UTF-16 text and files over a
// size limit before the YAML parser sees them. Every loader in digiscan
// (questionnaires, answers, catalogues, config) goes through it.
package strictyaml
