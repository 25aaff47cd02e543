Gem::Specification.new do |spec|
  spec.name = "greeter"
  spec.version = "0.1.0"
  spec.summary = "Greets."
  spec.authors = ["Example"]
  spec.files = ["lib/greeter.rb"]
  spec.require_paths = ["lib"]
end
