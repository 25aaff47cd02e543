require "pg"
require "nokogiri"

doc = Nokogiri::HTML("<p>native gems</p>")
puts "#{doc.at("p").text}: libpq #{PG.library_version}"
