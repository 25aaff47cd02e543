require "sinatra/base"

class App < Sinatra::Base
  get "/" do
    "hello from sinatra on rack\n"
  end
end
