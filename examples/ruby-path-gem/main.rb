require "greeter"

puts Greeter.hello("loaded from a path in the repository")
