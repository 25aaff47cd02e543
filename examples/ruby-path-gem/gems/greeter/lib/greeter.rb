module Greeter
  def self.hello(who)
    "hello from the greeter gem, #{who}"
  end
end
