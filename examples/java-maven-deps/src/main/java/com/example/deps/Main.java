package com.example.deps;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

public class Main {
    public static void main(String[] args) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("greeting", "hello");
        doc.put("count", 3);
        Gson gson = new GsonBuilder().create();
        String json = gson.toJson(doc);
        System.out.println(json);
        Map<?, ?> back = gson.fromJson(json, Map.class);
        System.out.println("round trip: " + back.get("greeting"));
    }
}
