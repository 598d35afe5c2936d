// `tavolo vectors`: building the word-vector file clustering uses
// (scripts/train-vectors runs these steps).
//   prepare [--lang it|en] [--stems]  text lines in, the engine's tokens out
//                                     (case folded, stop words removed;
//                                     with --stems, Snowball stems)
//   pack --vec IN.vec [--vec IN2.vec...] --counts TOKENS --out FILE
//        [--max-words N] [--stems]    fastText vectors to the compact format,
//                                     with counts taken from the training text;
//                                     several files are concatenated
//   info FILE                         words, dimension, keys and load time
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace tavolo::app {

// Returns the exit code; errors go to `err`.
int run_vectors_command(std::vector<std::string> const& args, std::istream& in, std::ostream& out,
                        std::ostream& err);

} // namespace tavolo::app
