class HelloController < ApplicationController
  def index
    render plain: "hello from rails\n"
  end
end
