# A script with the standard library only: no Gemfile, no gems.
require "json"

words = %w[slim images run ruby]
puts JSON.generate({ "words" => words.size, "longest" => words.max_by(&:length) })
